"""Page renderers: pure functions from the model to the Markdown/HTML of one page."""
