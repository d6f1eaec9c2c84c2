"""newsprism.text."""
