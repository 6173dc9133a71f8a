# A file the board cannot compile.
def f(:
    pass
