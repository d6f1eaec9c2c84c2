"""newsprism.stages.framing."""
