package io.github.hotreload.java;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;

/**
 * A digest of what other sources can see of a top-level type: its kind, modifiers, type
 * parameters, supertypes and annotations, and the same for every member that is not private
 * (names, types, thrown types, constant values, annotation defaults), nested types included.
 * Method bodies and private members are left out, so that the usual edit leaves the digest as it
 * was and only the edited file needs compiling; when the digest changes, sources that use the
 * type may no longer compile or may hold inlined constants, and the module is compiled in full.
 *
 * <p>Members are sorted, so that moving a method does not count as a change; enum constants keep
 * their position, since their ordinals are part of the API.
 */
final class ApiDigest {

    private ApiDigest() {
    }

    /** The digest of {@code type} as javac analysed it, as a hex string. */
    static String of(TypeElement type) {
        StringBuilder text = new StringBuilder();
        describeType(type, text);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void describeType(TypeElement type, StringBuilder out) {
        out.append(type.getKind()).append(' ').append(modifiers(type)).append(annotations(type))
                .append(type.getQualifiedName()).append(typeParameters(type.getTypeParameters()))
                .append(" extends ").append(type.getSuperclass())
                .append(" implements ").append(type.getInterfaces())
                .append(" permits ").append(type.getPermittedSubclasses())
                .append(" {\n");
        List<String> members = new ArrayList<>();
        int ordinal = 0;
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.ENUM_CONSTANT) {
                members.add("constant #" + ordinal++ + ' ' + annotations(member) + member.getSimpleName());
            } else if (!member.getModifiers().contains(Modifier.PRIVATE)
                    && member.getKind() != ElementKind.STATIC_INIT && member.getKind() != ElementKind.INSTANCE_INIT) {
                // Initializers are code, not API; javac adds <clinit> to the elements when it generates.
                members.add(describeMember(member));
            }
        }
        members.stream().sorted().forEach(line -> out.append(line).append('\n'));
        out.append("}\n");
    }

    private static String describeMember(Element member) {
        if (member instanceof TypeElement nested) {
            StringBuilder out = new StringBuilder();
            describeType(nested, out);
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        out.append(member.getKind()).append(' ').append(modifiers(member)).append(annotations(member));
        if (member instanceof ExecutableElement method) {
            out.append(typeParameters(method.getTypeParameters())).append(method.getReturnType()).append(' ')
                    .append(method.getSimpleName()).append('(');
            out.append(method.getParameters().stream()
                    .map(p -> annotations(p) + p.asType())
                    .collect(Collectors.joining(", ")));
            out.append(method.isVarArgs() ? "...)" : ")");
            out.append(" throws ").append(method.getThrownTypes());
            if (method.getDefaultValue() != null) {
                out.append(" default ").append(method.getDefaultValue());
            }
        } else if (member instanceof VariableElement field) {
            out.append(field.asType()).append(' ').append(field.getSimpleName());
            Object constant = field.getConstantValue();
            if (constant != null) {
                out.append(" = ").append(constant.getClass().getSimpleName()).append(':').append(constant);
            }
        } else {
            out.append(member.getSimpleName());
        }
        return out.toString();
    }

    private static String modifiers(Element element) {
        return element.getModifiers().stream().map(Modifier::toString).sorted()
                .map(m -> m + ' ').collect(Collectors.joining());
    }

    private static String annotations(Element element) {
        return element.getAnnotationMirrors().stream().map(AnnotationMirror::toString)
                .map(a -> a + ' ').collect(Collectors.joining());
    }

    private static String typeParameters(List<? extends TypeParameterElement> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.stream().map(p -> p.getSimpleName() + " extends " + p.getBounds())
                .collect(Collectors.joining(", ", "<", "> "));
    }
}
