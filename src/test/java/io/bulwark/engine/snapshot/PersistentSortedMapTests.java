package io.bulwark.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The persistent map against a TreeMap, and its frozen views against copies taken when they were frozen. */
class PersistentSortedMapTests {

    private static List<Integer> values(PersistentSortedMap.View<Integer, Integer> view) {
        List<Integer> out = new ArrayList<>();
        view.forEach(out::add);
        List<Integer> iterated = new ArrayList<>();
        view.iterator().forEachRemaining(iterated::add);
        assertThat(iterated).isEqualTo(out);
        return out;
    }

    @Test
    void behavesLikeATreeMapAndEveryFrozenViewStaysAsItWas() {
        Random random = new Random(42);
        PersistentSortedMap<Integer, Integer> map = new PersistentSortedMap<>();
        TreeMap<Integer, Integer> expected = new TreeMap<>();
        List<PersistentSortedMap.View<Integer, Integer>> views = new ArrayList<>();
        List<List<Integer>> copies = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int key = random.nextInt(5_000);
            int value = random.nextInt();
            map.put(key, value); // a replace as often as an insert
            expected.put(key, value);
            if (i % 997 == 0) {
                views.add(map.freeze());
                copies.add(new ArrayList<>(expected.values()));
            }
            if (i % 101 == 0) {
                int probe = random.nextInt(6_000);
                assertThat(map.get(probe)).isEqualTo(expected.get(probe));
            }
        }
        assertThat(map.size()).isEqualTo(expected.size());
        assertThat(values(map.freeze())).isEqualTo(new ArrayList<>(expected.values()));
        for (int v = 0; v < views.size(); v++) {
            assertThat(views.get(v).size()).isEqualTo(copies.get(v).size());
            assertThat(values(views.get(v))).as("view %d", v).isEqualTo(copies.get(v));
        }
    }

    @Test
    void sortedInsertsStayBalanced() {
        PersistentSortedMap<Integer, Integer> map = new PersistentSortedMap<>();
        for (int i = 0; i < 1_000_000; i++) {
            map.put(i, i); // a degenerate (unbalanced) tree would overflow the stack or take minutes here
        }
        assertThat(map.get(999_999)).isEqualTo(999_999);
        assertThat(map.freeze().size()).isEqualTo(1_000_000);
    }
}
