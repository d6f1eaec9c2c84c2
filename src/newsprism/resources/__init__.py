"""newsprism.resources."""
