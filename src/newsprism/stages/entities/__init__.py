"""newsprism.stages.entities."""
