def times():
    return 3
