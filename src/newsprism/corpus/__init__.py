"""newsprism.corpus."""
