from util import times


def run():
    print("blink 1.1.0: %d times" % times())
