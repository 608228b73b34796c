package io.github.hotreload.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/** Lays out rows of cells in columns for a terminal: each column as wide as its widest cell. */
public final class TextTable {

    private TextTable() {}

    /**
     * The rows as lines, trailing spaces removed.
     *
     * @param gap the spaces between columns
     * @param rightAligned whether the cell of (column, text) is right-aligned (numbers)
     */
    public static List<String> lines(List<String[]> rows, int gap, BiPredicate<Integer, String> rightAligned) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                b.append(i == 0 ? "" : " ".repeat(gap)).append(rightAligned.test(i, cell) ? pad + cell : cell + pad);
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }
}
