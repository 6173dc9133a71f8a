import os
import fsutil

fsutil.makedirs('next/lib/sub')
print('exists:', fsutil.exists('next/lib/sub'), fsutil.exists('next/nothing'), fsutil.is_dir('next/lib'))

# bytes written through a text-mode file, as updaters copy downloads: accepted, counted in bytes
with open('next/lib/sub/a.py', 'w') as f:
    print('text write of bytes:', f.write(b'A = "\xc3\xa9"\n'))
with open('next/lib/b.py', 'w') as f:
    f.write('B = 1\n')
print('listing:', sorted(e[:2] for e in os.ilistdir('next/lib')))
print('size:', os.stat('next/lib/sub/a.py')[6])

try:
    os.rmdir('next')
except OSError as e:
    print('rmdir non-empty:', repr(e), e)
fsutil.rmtree('next')
# a one-liner with no close(): nothing reaches the flash until the file object is collected
print('unclosed write:', open('c.py', 'w').write(b'C = 3\n'), os.stat('c.py')[6])
print('after rmtree:', fsutil.exists('next'), os.listdir())
try:
    fsutil.rmtree('next')
except OSError as e:
    print('rmtree missing:', e)
