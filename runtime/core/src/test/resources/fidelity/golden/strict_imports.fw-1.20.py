# up to v1.20 the C modules are registered under u-names; ssl reaches ussl (spec §20)
for m in ('ssl', 'ussl', 'tls', 'os', 'uos', 'json', 'ujson'):
    try:
        mod = __import__(m)
        print('import OK  ', m, mod.__name__)
    except ImportError as e:
        print('import FAIL', m, e)
