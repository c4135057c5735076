package io.bulwark.engine.snapshot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * A sorted map (insert and replace, no removal) that can be frozen in O(1): {@link #freeze()} hands out
 * an immutable {@link View} of the map as it is, and the map carries on, copying a node only the first
 * time it changes after a freeze (path copying; a node born since the last freeze is changed in place).
 * A view is never written again once handed out, so another thread may read it (for instance to
 * serialize a snapshot) while the owner keeps inserting, provided the handoff itself is safe (a
 * queue). A left-leaning red-black tree: lookups and inserts in O(log n).
 */
public final class PersistentSortedMap<K extends Comparable<K>, V> {
    private static final boolean RED = true;
    private static final boolean BLACK = false;

    private static final class Node<K, V> {
        final K key;
        V value;
        Node<K, V> left;
        Node<K, V> right;
        boolean color;
        /** The freeze generation that created this node: only nodes of the current one are changed in place. */
        final long generation;

        Node(K key, V value, boolean color, long generation) {
            this.key = key;
            this.value = value;
            this.color = color;
            this.generation = generation;
        }

        Node(Node<K, V> from, long generation) {
            this(from.key, from.value, from.color, generation);
            this.left = from.left;
            this.right = from.right;
        }
    }

    /** The map as it was at a {@link #freeze()}: immutable, in key order. */
    public static final class View<K, V> implements Iterable<V> {
        private final Node<K, V> root;
        private final int size;

        private View(Node<K, V> root, int size) {
            this.root = root;
            this.size = size;
        }

        public int size() {
            return size;
        }

        /** The values in key order. */
        @Override
        public Iterator<V> iterator() {
            return new Iterator<>() {
                private final Deque<Node<K, V>> path = new ArrayDeque<>();
                private Node<K, V> next = root;

                @Override
                public boolean hasNext() {
                    return next != null || !path.isEmpty();
                }

                @Override
                public V next() {
                    while (next != null) {
                        path.push(next);
                        next = next.left;
                    }
                    if (path.isEmpty()) {
                        throw new NoSuchElementException();
                    }
                    Node<K, V> n = path.pop();
                    next = n.right;
                    return n.value;
                }
            };
        }

        @Override
        public void forEach(Consumer<? super V> action) {
            Deque<Node<K, V>> path = new ArrayDeque<>();
            Node<K, V> n = root;
            while (n != null || !path.isEmpty()) {
                while (n != null) {
                    path.push(n);
                    n = n.left;
                }
                n = path.pop();
                action.accept(n.value);
                n = n.right;
            }
        }
    }

    private Node<K, V> root;
    private int size;
    private long generation;

    public int size() {
        return size;
    }

    public V get(K key) {
        Node<K, V> n = root;
        while (n != null) {
            int cmp = key.compareTo(n.key);
            if (cmp == 0) {
                return n.value;
            }
            n = cmp < 0 ? n.left : n.right;
        }
        return null;
    }

    public void put(K key, V value) {
        root = put(root, key, value);
        if (root.color == RED) {
            root = editable(root);
            root.color = BLACK;
        }
    }

    /** The map as it is now, immutable from here on; later puts copy what they change. */
    public View<K, V> freeze() {
        generation++;
        return new View<>(root, size);
    }

    private Node<K, V> editable(Node<K, V> n) {
        return n.generation == generation ? n : new Node<>(n, generation);
    }

    private Node<K, V> put(Node<K, V> h, K key, V value) {
        if (h == null) {
            size++;
            return new Node<>(key, value, RED, generation);
        }
        int cmp = key.compareTo(h.key);
        h = editable(h);
        if (cmp < 0) {
            h.left = put(h.left, key, value);
        } else if (cmp > 0) {
            h.right = put(h.right, key, value);
        } else {
            h.value = value;
        }
        if (isRed(h.right) && !isRed(h.left)) {
            h = rotateLeft(h);
        }
        if (isRed(h.left) && isRed(h.left.left)) {
            h = rotateRight(h);
        }
        if (isRed(h.left) && isRed(h.right)) {
            h.left = editable(h.left);
            h.right = editable(h.right);
            h.color = RED;
            h.left.color = BLACK;
            h.right.color = BLACK;
        }
        return h;
    }

    private static boolean isRed(Node<?, ?> n) {
        return n != null && n.color == RED;
    }

    /** {@code h} is editable; its right child becomes the subtree's root. */
    private Node<K, V> rotateLeft(Node<K, V> h) {
        Node<K, V> x = editable(h.right);
        h.right = x.left;
        x.left = h;
        x.color = h.color;
        h.color = RED;
        return x;
    }

    /** {@code h} is editable; its left child becomes the subtree's root. */
    private Node<K, V> rotateRight(Node<K, V> h) {
        Node<K, V> x = editable(h.left);
        h.left = x.right;
        x.right = h;
        x.color = h.color;
        h.color = RED;
        return x;
    }
}
