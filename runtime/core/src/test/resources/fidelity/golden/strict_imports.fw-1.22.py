# v1.21-v1.22: ssl is a C module, ussl works, there is no tls (spec §20)
for m in ('ssl', 'ussl', 'tls', 'requests', 'urequests'):
    try:
        mod = __import__(m)
        print('import OK  ', m, mod.__name__)
    except ImportError as e:
        print('import FAIL', m, e)
import ssl
print(hasattr(ssl, 'wrap_socket'), hasattr(ssl, 'SSLContext'))
import os
print(os.__name__)
