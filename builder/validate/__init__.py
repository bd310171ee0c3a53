"""Validate stage: every rule over the loaded sources, and the models of the valid cases."""
