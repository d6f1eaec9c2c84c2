"""newsprism.evaluate."""
