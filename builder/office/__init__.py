"""Word and OpenDocument files: read safely into a document model, mapped to case folders and back."""
