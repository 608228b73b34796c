package io.github.hotreload.java;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of a class file that main-class discovery needs: the class's name and its methods'
 * names, descriptors and access flags. Read by hand from the constant pool and the method table,
 * since the plugin ships no bytecode library and this is all it needs of one.
 *
 * @param binaryName the class's binary name, {@code a.Outer$Inner}
 * @param access the class's access flags
 * @param methods its methods
 */
record ClassFileSummary(String binaryName, int access, List<Method> methods) {

    static final int ACC_PUBLIC = 0x0001;
    static final int ACC_STATIC = 0x0008;
    static final int ACC_MODULE = 0x8000;

    /** A method's name, descriptor ({@code ([Ljava/lang/String;)V}) and access flags. */
    record Method(String name, String descriptor, int access) {
    }

    /**
     * Reads {@code bytes} as a class file.
     *
     * @throws IOException when they are not one
     */
    static ClassFileSummary read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file (bad magic number)");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.skipNBytes(2); // String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> { // Long and Double take two entries
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        int access = in.readUnsignedShort();
        int thisClass = in.readUnsignedShort();
        String internalName = utf8(utf8, classNames[index(thisClass, count)]);
        in.readUnsignedShort(); // super class
        in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
        skipMembers(in); // fields
        int methodCount = in.readUnsignedShort();
        List<Method> methods = new ArrayList<>(methodCount);
        for (int m = 0; m < methodCount; m++) {
            int flags = in.readUnsignedShort();
            String name = utf8(utf8, in.readUnsignedShort());
            String descriptor = utf8(utf8, in.readUnsignedShort());
            skipAttributes(in);
            methods.add(new Method(name, descriptor, flags));
        }
        return new ClassFileSummary(internalName.replace('/', '.'), access, List.copyOf(methods));
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipNBytes(6); // access flags, name, descriptor
            skipAttributes(in);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipNBytes(2);
            in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
    }

    private static int index(int index, int count) throws IOException {
        if (index <= 0 || index >= count) {
            throw new IOException("constant pool index " + index + " out of range");
        }
        return index;
    }

    private static String utf8(String[] utf8, int index) throws IOException {
        String value = index(index, utf8.length) > 0 ? utf8[index] : null;
        if (value == null) {
            throw new IOException("constant pool entry " + index + " is not a UTF-8 string");
        }
        return value;
    }

    /** Whether the class has {@code public static void main(String[])}, which a launcher can start. */
    boolean hasMainMethod() {
        return (access & ACC_MODULE) == 0 && methods.stream().anyMatch(m -> m.name().equals("main")
                && m.descriptor().equals("([Ljava/lang/String;)V")
                && (m.access() & (ACC_PUBLIC | ACC_STATIC)) == (ACC_PUBLIC | ACC_STATIC));
    }
}
