# main/lib/util.py of release v1.1.0: a module in a subfolder, installed with the app.


def greeting():
    return "app: hello from lib/util.py"
