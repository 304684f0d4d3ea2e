package io.tikmatrix.bridge.tracking;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of {@code GET /task}.
 *
 * @param number the page asked for, from 1
 * @param tasks  its tasks, in the server's order
 * @param total  how many tasks the whole list holds, when the server says (the API reference's examples read it)
 */
public record TaskPage(int number, List<ListedTask> tasks, OptionalLong total) {
}
