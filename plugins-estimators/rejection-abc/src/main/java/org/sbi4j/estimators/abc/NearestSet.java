package org.sbi4j.estimators.abc;

/**
 * The k smallest (distance, index) pairs of a stream, in a bounded max-heap: O(n log k) in the worst case and
 * close to one comparison per element once the heap is full. Ties in distance go to the smaller index, so the
 * selection is a deterministic function of the distances.
 */
final class NearestSet {
    private final double[] distance;
    private final int[] index;
    private int size;

    /**
     * @param capacity k, at least 1
     */
    NearestSet(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        distance = new double[capacity];
        index = new int[capacity];
    }

    /**
     * The distance a new element must stay strictly below to enter: the largest kept distance once the set is
     * full, {@code +∞} before.
     */
    double bound() {
        return size < distance.length ? Double.POSITIVE_INFINITY : distance[0];
    }

    /**
     * Offers an element; indices must be offered in increasing order.
     *
     * @param d its distance
     * @param i its index, larger than every index offered before
     */
    void offer(double d, int i) {
        if (size < distance.length) {
            int child = size++;
            while (child > 0) {
                int parent = (child - 1) >>> 1;
                if (!greater(d, i, distance[parent], index[parent])) {
                    break;
                }
                distance[child] = distance[parent];
                index[child] = index[parent];
                child = parent;
            }
            distance[child] = d;
            index[child] = i;
        } else if (d < distance[0]) {
            siftDown(d, i, size);
        }
    }

    /** The kept indices, closest first (ties by index); empties the set. */
    int[] drainSorted() {
        int[] sorted = new int[size];
        while (size > 0) {
            int last = --size;
            sorted[last] = index[0];
            if (last > 0) {
                siftDown(distance[last], index[last], last);
            }
        }
        return sorted;
    }

    /** Puts (d, i) at the root of a heap of {@code length} elements and restores the heap order. */
    private void siftDown(double d, int i, int length) {
        int parent = 0;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= length) {
                break;
            }
            if (child + 1 < length && greater(distance[child + 1], index[child + 1], distance[child], index[child])) {
                child++;
            }
            if (!greater(distance[child], index[child], d, i)) {
                break;
            }
            distance[parent] = distance[child];
            index[parent] = index[child];
            parent = child;
        }
        distance[parent] = d;
        index[parent] = i;
    }

    private static boolean greater(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }
}
