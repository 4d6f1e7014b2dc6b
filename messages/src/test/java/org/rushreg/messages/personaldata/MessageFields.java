package org.rushreg.messages.personaldata;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every field ({@code Record.component}) a message can carry: starting from the value types of the topics, through
 * the records a sealed message type permits and the records (also inside lists) that components hold.
 */
final class MessageFields {

    private MessageFields() {
    }

    static Set<String> reachableFrom(Iterable<Class<?>> valueTypes) {
        Set<String> fields = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        valueTypes.forEach(todo::add);
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            if (!seen.add(type)) {
                continue;
            }
            if (type.isSealed()) {
                Collections.addAll(todo, type.getPermittedSubclasses());
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    fields.add(type.getSimpleName() + "." + component.getName());
                    addTypesIn(component.getGenericType(), todo);
                }
            }
        }
        return fields;
    }

    /** The records and sealed types in a component's type, including type arguments ({@code List<SessionOutcome>}). */
    private static void addTypesIn(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> plain && (plain.isRecord() || plain.isSealed())) {
            todo.add(plain);
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                addTypesIn(argument, todo);
            }
        }
    }
}
