"""Publishing: offline bundles with their fonts, as reproducible, verifiable archives."""
