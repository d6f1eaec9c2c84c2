"""newsprism.viz."""
