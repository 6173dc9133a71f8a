# MicroPython mixes bytes and str where CPython refuses (spec §16, DESIGN §4)
print(b'a' + 'b')
buf = b'GET '
buf += '/path'
print(buf)
print(b'%s %d' % ('str', 5))
print(b'%s=%s' % (b'k', 'v'))
print(b'{}-{}'.format(1, 'x'))
print('a' in b'abc', 'z' not in b'abc')
print(b'abc'.startswith('a'), b'abc'.endswith('bc'))
try:
    b'a,b'.split(',')
except TypeError:
    print('split(str) TypeError')
print('é'.encode('latin-1'), b'\xc3\xa9'.decode('ascii'))
try:
    b'\xff'.decode()
except UnicodeError as e:
    print('UnicodeError', repr(e), e.args)
with open('t.txt', 'w') as f:
    print('x', 1, file=f)
    f.write(b'raw\n')
print(open('t.txt').read())
