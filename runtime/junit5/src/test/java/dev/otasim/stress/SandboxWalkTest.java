package dev.otasim.stress;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.junit.OtaSimulatorTest;
import org.junit.jupiter.api.Test;

/**
 * A systematic walk over everything a boot can name: the builtins, every module the board has, and
 * a sample of live objects (a function, a class and its instance, an exception, a generator, an
 * open file, a socket, a WLAN, the namespaces exec and eval make, str subclasses). From each it
 * follows, as device code, every attribute {@code dir()} lists and the introspection edges ({@code
 * __globals__}, {@code __closure__}, {@code __self__}, {@code __dict__}, frames, tracebacks, ...)
 * to a bounded depth, and reports any host module (a module whose {@code __dict__} the device may
 * not see, or a host one by name) or host structure (a namespace holding the bootstrap's or a
 * shim's internals) it reaches.
 */
@OtaSimulatorTest(bootTimeLimitMillis = 600_000)
class SandboxWalkTest {
  private static final String WALK =
      """
      import builtins, os, sys, gc, time, machine, network, socket, json, errno, binascii
      import hashlib, micropython, struct, collections, io, random, re, select, esp, esp32
      import math, cmath, heapq, array, platform, ssl, requests, ntptime, deflate, vfs
      d = deflate.DeflateIO(io.BytesIO(bytes([120, 156, 3, 0, 0, 0, 0, 1])))
      HOST_NAMES = ('posix', '_otasim', 'marshal', 'types', '__main__', 'polyglot', 'java', '_io')
      HOST_KEYS = ('_api', '_host', '_code_cache', '_orig_import', 'install_dialect',
                   'register_builtin', '_builtin_specs', '_device_builtins', 'MARK',
                   '__graalpython__', '_getframe', 'device_compile')
      EDGES = ('__globals__', '__closure__', '__code__', '__self__', '__func__', '__dict__',
               '__class__', '__bases__', '__base__', '__mro__', '__traceback__', '__context__',
               '__cause__', '__builtins__', '__wrapped__', '__defaults__', '__kwdefaults__',
               'gi_frame', 'f_back', 'f_globals', 'f_locals', 'tb_frame', 'tb_next',
               '__subclasses__', '__getattribute__', 'cell_contents', '__loader__', '__spec__')

      WRAPPERS = ('builtin_function_or_method', 'method-wrapper', 'wrapper_descriptor',
                  'method_descriptor', 'getset_descriptor', 'member_descriptor',
                  'classmethod_descriptor', 'method')
      LIMIT = 6000

      def gen():
          yield 1

      class Thing:
          def method(self):
              return self

      try:
          1 / 0
      except ZeroDivisionError as e:
          caught = e
      f = open('/walk.txt', 'w')
      roots = [('builtins', builtins), ('globals', globals()), ('gen', gen()),
               ('Thing', Thing), ('thing', Thing()), ('bound', Thing().method),
               ('caught', caught), ('file', f), ('socket', socket.socket()),
               ('wlan', network.WLAN(network.STA_IF)), ('print', print), ('open', open),
               ('import', __import__)]
      # namespaces device code makes for itself: exec and eval with globals and locals of their
      # own, a function made with a dict, str subclasses and the ways to their format
      class S(str):
          pass
      made = {}
      exec('def fn():\\n    return 1', made)
      own = {}
      exec('def fn2():\\n    return 2', {}, own)
      roots += [('exec globals', made), ('exec locals', own), ('exec fn', made['fn']),
                ('exec fn2', own['fn2']), ('eval builtins', eval('__builtins__', {})),
                ('made function', type(gen)(compile('x = 1', 'made', 'exec'), {})),
                ('str subclass', S('{}')), ('S.format', S('{}').format),
                ('super format', super(S, S('{}')).format), ('str.format', str.format),
                ('__builtins__', __builtins__)]
      for name in sorted(sys.modules):
          roots.append(('sys.modules', sys.modules[name]))
      for m in (os, sys, gc, time, machine, network, socket, json, errno, binascii, hashlib,
                micropython, struct, collections, io, random, re, select, esp, esp32, math, cmath,
                heapq, array, platform, ssl, requests, ntptime, deflate, vfs):
          roots.append((m.__name__, m))
      roots.append(('a DeflateIO', d))
      roots += [('the console', sys.stdout.__dict__), ('the console text', sys.stdout.__dict__['_text']),
                ('the console port', sys.stdout.__dict__['_text'].buffer), ('stdin', sys.stdin)]

      seen = set()
      found = []
      count = 0
      def visit(path, o, depth):
          global count
          if id(o) in seen or depth > 5 or count > LIMIT:
              return
          seen.add(id(o))
          count += 1
          t = type(o).__name__
          if t == 'module':
              d = getattr(o, '__dict__', None)
              name = getattr(o, '__name__', '?')
              if d is None or name in HOST_NAMES:
                  found.append(path + ' -> host module ' + str(name))
                  return
              o = d
              t = 'dict'
          if t in ('frame', 'code', 'cell', 'traceback'):
              found.append(path + ' -> ' + t)
              return
          if t == 'dict':
              for k in list(o):
                  if type(k) is str and k in HOST_KEYS:
                      found.append(path + ' -> host key ' + k)
                      return
              for k in list(o):
                  visit(path + '[' + repr(k) + ']', o[k], depth + 1)
              return
          if t in ('list', 'tuple', 'set', 'frozenset'):
              for i, v in enumerate(list(o)):
                  visit(path + '[' + str(i) + ']', v, depth + 1)
              return
          if t in ('str', 'bytes', 'int', 'float', 'bool', 'NoneType', 'bytearray'):
              return
          names = set(EDGES)
          if t not in WRAPPERS:
              # public names; dunder methods only make fresh wrappers, their edges are in EDGES
              try:
                  names.update(n for n in dir(o) if not n.startswith('__'))
              except Exception:
                  pass
          for n in sorted(names):
              if count > LIMIT:
                  return
              try:
                  v = getattr(o, n)
              except Exception:
                  continue
              visit(path + '.' + n, v, depth + 1)

      for path, o in roots:
          visit(path, o, 0)
      f.close()
      print('walked', count > 1000)
      for line in found:
          print('REACHED', line)
      """;

  @Test
  void nothingABootCanNameLeadsToTheHost(Device device) {
    device.flash().put("/main.py", WALK);

    BootResult boot = device.boot();

    assertThat(boot).endedWith(BootOutcome.RETURNED);
    assertThat(boot.console()).isEqualTo("walked True\n");
  }
}
