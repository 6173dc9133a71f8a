# vfs_probe.py adapted to the simulated ESP32: the lfs2 half only, run in a /flash directory of the
# board's own 64-block LittleFS instead of a VfsLfs2 mounted on a RAM block device (the simulator has
# no vfs module; the ESP32_GENERIC image mounts LittleFS at /). The FAT half and the power-loss
# snapshots need block-device access and are covered by the flash tests instead.
import os
def T(label, f):
    try:
        r = f()
        print('OK  ', label, '->', repr(r))
    except Exception as e:
        print('EXC ', label, '->', type(e).__name__, repr(e.args), '| str:', str(e))

def run(kind):
    print('=================', kind)
    os.mkdir('/flash')
    os.chdir('/flash')
    T('getcwd', os.getcwd)
    with open('a.txt', 'w') as f:
        T('write returns', lambda: f.write('hello'))
    T('stat file', lambda: os.stat('a.txt'))
    os.mkdir('d'); open('d/x', 'w').close()
    T('stat dir', lambda: os.stat('d'))
    T('stat /flash (mount point)', lambda: os.stat('/flash'))
    T('stat "/"', lambda: os.stat('/'))
    T('statvfs', lambda: os.statvfs('/flash'))
    T('listdir', lambda: os.listdir())
    T('listdir abs', lambda: os.listdir('/flash'))
    T('ilistdir', lambda: list(os.ilistdir('/flash')))
    T('ilistdir bytes', lambda: list(os.ilistdir(b'/flash')))
    T('listdir missing', lambda: os.listdir('nope'))
    T('listdir on file', lambda: os.listdir('a.txt'))
    T('mkdir existing', lambda: os.mkdir('d'))
    T('mkdir existing file', lambda: os.mkdir('a.txt'))
    T('mkdir missing parent', lambda: os.mkdir('p/q'))
    T('mkdir trailing slash', lambda: os.mkdir('e/'))
    T('rmdir non-empty', lambda: os.rmdir('d'))
    T('remove non-empty dir', lambda: os.remove('d'))
    T('rmdir file', lambda: (open('rf', 'w').close(), os.rmdir('rf')))
    T('  rf exists after rmdir(file)?', lambda: 'rf' in os.listdir())
    T('remove empty dir', lambda: (os.mkdir('ed'), os.remove('ed')))
    T('  ed exists after remove(dir)?', lambda: 'ed' in os.listdir())
    T('remove missing', lambda: os.remove('missing'))
    T('rmdir missing', lambda: os.rmdir('missing'))
    # rename semantics
    with open('r1', 'w') as f1: f1.write('one')
    with open('r2', 'w') as f2: f2.write('two')
    T('unclosed file content visible?', lambda: (open('uc', 'w').write('data'), os.stat('uc')[6], open('uc').read()))
    T('rename file->existing file', lambda: os.rename('r1', 'r2'))
    T('  r2 content', lambda: open('r2').read())
    T('  r1 exists?', lambda: 'r1' in os.listdir())
    T('rename file->existing dir(non-empty)', lambda: os.rename('r2', 'd'))
    os.mkdir('emptyd')
    T('rename file->existing empty dir', lambda: os.rename('r2', 'emptyd'))
    T('rename dir->existing file', lambda: os.rename('emptyd', 'r2'))
    os.mkdir('d2')
    T('rename dir->non-empty dir', lambda: os.rename('d2', 'd'))
    T('rename dir->empty dir', lambda: os.rename('d2', 'emptyd'))
    T('  listdir after', lambda: sorted(os.listdir()))
    T('rename missing src', lambda: os.rename('nosrc', 'zz'))
    T('rename into missing dir', lambda: os.rename('r2', 'nodir/zz'))
    T('rename to self', lambda: os.rename('r2', 'r2'))
    T('rename across mounts', lambda: os.rename('/flash/r2', '/tmp/r2'))
    # open semantics
    T('open missing r', lambda: open('missing'))
    T('open missing rb', lambda: open('missing', 'rb'))
    T('open dir', lambda: open('d'))
    T('open dir w', lambda: open('d', 'w'))
    T('open in missing dir w', lambda: open('nodir/f', 'w'))
    T('open x existing', lambda: open('a.txt', 'x'))
    T('open mode rw', lambda: open('a.txt', 'rw'))
    T('open mode wr', lambda: open('a.txt', 'wr'))
    T('open mode r+', lambda: open('a.txt', 'r+').read())
    T('open mode w+ read back', lambda: (lambda f: (f.write('xyz'), f.seek(0), f.read()))(open('wp', 'w+')))
    T('open mode +w', lambda: open('a.txt', '+w'))
    T('open mode q (unknown)', lambda: open('a.txt', 'q').read())
    T('open mode "" ', lambda: open('a.txt', '').read())
    T('read from w-only file', lambda: open('ww', 'w').read())
    T('write to r-only file', lambda: open('a.txt', 'r').write('x'))
    T('type/repr', lambda: (type(open('a.txt')).__name__, type(open('a.txt', 'rb')).__name__, repr(open('a.txt'))))
    f = open('a.txt'); f.close()
    T('read closed', lambda: f.read())
    T('write closed', lambda: f.write('x'))
    T('seek closed', lambda: f.seek(0))
    T('close closed', lambda: f.close())
    T('seek beyond end then write', lambda: (lambda g: (g.seek(10), g.write(b'Z'), g.close(), open('sk', 'rb').read()))(open('sk', 'wb')))
    T('seek negative', lambda: open('a.txt').seek(-100))
    T('seek whence 2', lambda: (lambda g: (g.seek(-2, 2), g.read()))(open('a.txt', 'rb')))
    T('tell after read', lambda: (lambda g: (g.read(2), g.tell()))(open('a.txt', 'rb')))
    T('flush returns', lambda: open('fl', 'w').flush())
    T('chdir file', lambda: os.chdir('a.txt'))
    T('chdir missing', lambda: os.chdir('missing'))
    T('chdir d; getcwd', lambda: (os.chdir('d'), os.getcwd(), os.listdir(), os.chdir('..'), os.getcwd()))
    T('chdir /; getcwd; listdir', lambda: (os.chdir('/flash'), os.getcwd()))
    T('long name 300', lambda: open('n' * 300, 'w'))
    T('remove open file', lambda: (lambda g: (os.remove('fl'), 'fl' in os.listdir()))(open('fl', 'w')))
    # fill the filesystem
    def fill():
        n = 0
        with open('big', 'wb') as g:
            b = b'x' * 1024
            while True:
                n += g.write(b)
        return n
    T('fill fs (ENOSPC)', fill)
    T('  big size after ENOSPC', lambda: os.stat('big')[6])
    T('  statvfs full', lambda: os.statvfs('/flash'))
    os.remove('big')
    os.chdir('/')


run('lfs2')
