# MicroPython's vfs module (extmod/modvfs.c, v1.23 and later): the mount table and the port's
# filesystem classes. os.mount/os.umount/os.VfsLfs2/os.VfsFat are the same objects (spec §2.1), so
# both modules share the os shim's one mount table.
_os = _host.builtin('os')
mount = _os.mount
umount = _os.umount
VfsFat = _os.VfsFat
VfsLfs2 = _os.VfsLfs2
