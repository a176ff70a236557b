package org.regstudy.notebook;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Loads JShell's snippet classes in this JVM, in a class loader whose parent is the loader of the
 * runner, so snippets see the very same {@link Display} class (and its static sink) as the runner,
 * whatever loader the runner itself came from. (JShell's own local engine uses the system class
 * loader as parent and replaces the calling thread's context class loader.)
 */
final class SnippetLoader implements LoaderDelegate {

    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    SnippetLoader(ClassLoader parent) {
        this.loader = new SnippetClassLoader(parent);
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ExecutionControl.ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        for (ClassBytecodes c : cbcs) {
            loader.bytes.put(c.name(), c.bytecodes());
        }
        for (int i = 0; i < cbcs.length; i++) {
            try {
                classes.put(cbcs[i].name(), loader.loadClass(cbcs[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ExecutionControl.ClassInstallException(
                        "cannot load snippet class " + cbcs[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes c : cbcs) {
            loader.bytes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws ExecutionControl.InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                loader.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new ExecutionControl.InternalException("bad class path entry " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = classes.get(name);
        if (c == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return c;
    }

    /** Parent-first loader that defines snippet classes from their bytecodes. */
    static final class SnippetClassLoader extends URLClassLoader {
        final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

        SnippetClassLoader(ClassLoader parent) {
            super(new URL[0], parent);
        }

        void add(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = bytes.get(name);
            if (b != null) {
                return defineClass(name, b, 0, b.length);
            }
            return super.findClass(name);
        }
    }

    /** An execution engine: JShell's {@link LocalExecutionControl} with this loader. */
    static final class Provider implements ExecutionControlProvider {
        private final ClassLoader parent;

        Provider(ClassLoader parent) {
            this.parent = parent;
        }

        @Override
        public String name() {
            return "regstudy-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new LocalExecutionControl(new SnippetLoader(parent));
        }
    }
}
