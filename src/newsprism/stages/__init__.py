"""newsprism.stages."""
