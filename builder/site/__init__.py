"""Site stage: the only package that talks to MkDocs and Material."""
