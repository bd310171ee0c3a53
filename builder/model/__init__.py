"""Model: typed, frozen case studies and the vocabularies they use."""
