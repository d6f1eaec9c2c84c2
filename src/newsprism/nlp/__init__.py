"""newsprism.nlp."""
