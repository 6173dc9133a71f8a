# Two slips an updater makes that only show on the board, each with the board's exact text.
import os
import urequests
import wifi

wifi.connect('home', 'secret')


def print_listing(folder):
    # the slash after /contents is missing: GitHub answers 404 with an error object, and the
    # loop walks that object's keys as if they were the listing's entries
    r = urequests.get('https://api.github.com/repos/owner/app/contents' + folder + '?ref=v1.1.0',
                      headers={'User-Agent': 'idioms-updater/0.1'})
    try:
        for entry in r.json():
            print(entry['path'])
    finally:
        r.close()


try:
    print_listing('main')
except TypeError as e:
    print('listing:', repr(e))

# a module the release did not bring: the package exists, its submodule does not
os.mkdir('lib')
try:
    from lib import util
except ImportError as e:
    print('import:', repr(e))
try:
    from wifi import disconnect
except ImportError as e:
    print('import:', repr(e))
