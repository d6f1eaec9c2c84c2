"""newsprism.stages.attribution."""
