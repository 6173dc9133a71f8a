package dev.otasim.engine.micropython;

import dev.otasim.report.Count;
import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one door from the MicroPython VM to the board: {@code _otasim.call(handle, method, *args)}
 * calls a method annotated {@link MicroPythonApi} on a Java stub object, as GraalPy's {@code
 * HostAccess.EXPLICIT} lets the GraalPy engine's shims do, and nothing else.
 *
 * <p>Values cross as what the JS-proxy protocol carries natively (None, bool, 32-bit int, float,
 * str); everything else travels as a str tagged with {@code \x01} that {@code _otasim_rt._ret}
 * decodes: {@code \x01i} a big int, {@code \x01s} a str that began with {@code \x01}, {@code \x01j}
 * JSON (arrays), {@code \x01h} a handle to a Java object, {@code \x01e} a MicroPython exception
 * ({@code type \x01 errno \x01 text}, {@code \x02} for no text).
 */
final class Bridge {
  private static final Map<Class<?>, Map<String, List<Method>>> METHODS = new ConcurrentHashMap<>();

  private final Map<Integer, Object> handles = new HashMap<>();
  private int nextHandle = 100;

  /** Registers a fixed handle (the modules' APIs) before the VM starts. */
  Bridge with(int handle, Object target) {
    handles.put(handle, target);
    return this;
  }

  /** Dispatches one {@code _otasim.call}. */
  Object call(List<Object> args) {
    if (args.size() < 2
        || !(args.get(0) instanceof Integer h)
        || !(args.get(1) instanceof String)) {
      throw new IllegalArgumentException("_otasim.call(handle, method, *args), got " + args);
    }
    Object target = handles.get(h);
    String name = (String) args.get(1);
    if (target == null) {
      return error(MicroPythonError.of("ValueError", "no such host object"));
    }
    List<Object> rest = new ArrayList<>(args.subList(2, args.size()));
    for (int i = 0; i < rest.size(); i++) {
      if (rest.get(i) instanceof String s && s.startsWith("\u0001i")) {
        rest.set(i, new BigInteger(s.substring(2)));
      }
    }
    Method m = find(target.getClass(), name, rest);
    if (m == null) {
      return error(
          MicroPythonError.of(
              "AttributeError",
              "the board has no "
                  + name
                  + " taking "
                  + Count.of(rest.size(), "argument")
                  + " here"));
    }
    Object[] converted = new Object[rest.size()];
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < converted.length; i++) {
      converted[i] = convert(rest.get(i), types[i]);
    }
    Object result;
    try {
      result = m.invoke(target, converted);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MicroPythonError err) {
        return error(err);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return encode(result);
  }

  private static Method find(Class<?> type, String name, List<Object> args) {
    List<Method> candidates =
        METHODS.computeIfAbsent(type, Bridge::annotated).getOrDefault(name, List.of());
    for (Method m : candidates) {
      if (m.getParameterCount() != args.size()) {
        continue;
      }
      boolean ok = true;
      Class<?>[] types = m.getParameterTypes();
      for (int i = 0; i < types.length && ok; i++) {
        ok = convertible(args.get(i), types[i]);
      }
      if (ok) {
        return m;
      }
    }
    return null;
  }

  private static Map<String, List<Method>> annotated(Class<?> type) {
    Map<String, List<Method>> out = new HashMap<>();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(MicroPythonApi.class) && !Modifier.isStatic(m.getModifiers())) {
        out.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
      }
    }
    return out;
  }

  private static boolean convertible(Object v, Class<?> t) {
    if (v == null) {
      return !t.isPrimitive();
    }
    if (t == Object.class) {
      return true;
    }
    if (t == String.class || t == CharSequence.class) {
      return v instanceof String;
    }
    if (t == boolean.class || t == Boolean.class) {
      return v instanceof Boolean || v instanceof Integer;
    }
    if (t == int.class || t == Integer.class || t == short.class || t == byte.class) {
      return v instanceof Integer || v instanceof Boolean;
    }
    if (t == long.class || t == Long.class) {
      return v instanceof Integer || v instanceof Boolean || v instanceof BigInteger;
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return v instanceof Integer || v instanceof Double || v instanceof BigInteger;
    }
    return false;
  }

  private static Object convert(Object v, Class<?> t) {
    if (v == null || t == Object.class || t == String.class || t == CharSequence.class) {
      return v;
    }
    if (v instanceof Boolean b) {
      v = b ? 1 : 0;
      if (t == boolean.class || t == Boolean.class) {
        return b;
      }
    }
    Number n = (Number) v;
    if (t == boolean.class || t == Boolean.class) {
      return n.intValue() != 0;
    }
    if (t == int.class || t == Integer.class) {
      return n.intValue();
    }
    if (t == short.class) {
      return n.shortValue();
    }
    if (t == byte.class) {
      return n.byteValue();
    }
    if (t == long.class || t == Long.class) {
      return n.longValue();
    }
    if (t == float.class || t == Float.class) {
      return n.floatValue();
    }
    return n.doubleValue();
  }

  private Object encode(Object r) {
    if (r == null || r instanceof Boolean || r instanceof Integer || r instanceof Double) {
      return r;
    }
    if (r instanceof Short || r instanceof Byte) {
      return ((Number) r).intValue();
    }
    if (r instanceof Float f) {
      return f.doubleValue();
    }
    if (r instanceof Long l) {
      return l == l.intValue() ? (Object) l.intValue() : "\u0001i" + l;
    }
    if (r instanceof String s) {
      return s.startsWith("\u0001") ? "\u0001s" + s : s;
    }
    if (r.getClass().isArray() || r instanceof List) {
      StringBuilder json = new StringBuilder("\u0001j");
      json(json, r);
      return json.toString();
    }
    int h = nextHandle++;
    handles.put(h, r);
    return "\u0001h" + h;
  }

  private void json(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      out.append(v);
    } else if (v instanceof Number n) {
      out.append(n.doubleValue());
    } else if (v instanceof String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20 || c >= 0x7f) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      out.append('"');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        json(out, l.get(i));
      }
      out.append(']');
    } else if (v.getClass().isArray()) {
      out.append('[');
      for (int i = 0; i < Array.getLength(v); i++) {
        if (i > 0) {
          out.append(',');
        }
        json(out, Array.get(v, i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot pass " + v.getClass() + " to MicroPython");
    }
  }

  private static String error(MicroPythonError e) {
    String text = e.text();
    return "\u0001e"
        + e.pythonType()
        + '\u0001'
        + (e.hasErrno() ? Integer.toString(e.errno()) : "")
        + '\u0001'
        + (text == null ? "\u0002" : text);
  }
}
