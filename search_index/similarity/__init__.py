"""Case studies compared with each other, without an index.

related_cases    related case studies: tf·idf cosine over each case's term profile
near_duplicates  near-duplicate case studies: MinHash sketches of analysed-word shingles
"""
