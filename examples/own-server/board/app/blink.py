def run():
    print("blink 1.0.0")
