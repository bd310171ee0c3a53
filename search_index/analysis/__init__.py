"""Analysis: text of any Indian language in, index terms out, the same at indexing and query time.

language_data  the data files of search_index/data/, loaded into frozen values
tokens         splitting text into words (combining marks stay inside words)
folding        Unicode normalisation and spelling-variant folding
stemming       Snowball stemmers and the table-driven suffix rewriter
analyser       Analyser: the above per language, with a memo of each word's terms
"""
