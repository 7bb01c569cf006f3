package org.hmem.task.concentration;

import java.util.ArrayDeque;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The lengths (flips) of the last 30 finished games, as the reference's deque, and the number of games finished so
 * far: the training progress of spec §9.6.
 */
final class GameLengths {

    static final int WINDOW = 30;

    private final ArrayDeque<Integer> last = new ArrayDeque<>(WINDOW);
    private long games;

    /** The window and the count as JSON, for a checkpoint. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray a = new JsonArray();
        last.forEach(a::add);
        o.add("last", a);
        o.addProperty("games", games);
        return o;
    }

    void restore(JsonObject o) {
        last.clear();
        o.getAsJsonArray("last").forEach(e -> last.addLast(e.getAsInt()));
        games = o.get("games").getAsLong();
    }

    void add(int length) {
        if (last.size() == WINDOW) {
            last.removeFirst();
        }
        last.addLast(length);
        games++;
    }

    long games() {
        return games;
    }

    boolean isEmpty() {
        return last.isEmpty();
    }

    double mean() {
        return last.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    int min() {
        return last.stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    int max() {
        return last.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** How many of the last games took exactly {@code flips} flips ({@code Info/steps4}, ...). */
    long count(int flips) {
        return last.stream().filter(l -> l == flips).count();
    }
}
