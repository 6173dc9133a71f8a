# File helpers as MicroPython projects write them: os has no path.exists, makedirs or rmtree.
import os


def exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False


def is_dir(path):
    return exists(path) and os.stat(path)[0] & 0x4000 == 0x4000


def makedirs(path):
    sofar = ''
    for part in path.split('/'):
        sofar = sofar + part if not sofar else sofar + '/' + part
        if not exists(sofar):
            os.mkdir(sofar)


def rmtree(path):
    for entry in os.ilistdir(path):
        child = path + '/' + entry[0]
        if entry[1] == 0x4000:
            rmtree(child)
        else:
            os.remove(child)
    os.rmdir(path)
