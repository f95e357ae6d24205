package org.sbi4j.runtime;

/**
 * Plugin version compatibility for saved models: same major version (for 0.x, same minor), and the
 * installed version not older than the saved one. A plugin without a version (a development build) is
 * accepted with a warning.
 */
final class Versions {
    static final String UNVERSIONED = "unversioned";

    private Versions() {
    }

    static boolean compatible(String saved, String installed) {
        if (sameOrUnversioned(saved, installed)) {
            return true;
        }
        int[] s = parse(saved);
        int[] i = parse(installed);
        if (s == null || i == null) {
            return false;
        }
        if (s[0] != i[0] || (s[0] == 0 && s[1] != i[1])) {
            return false;
        }
        return compare(i, s) >= 0;
    }

    static boolean sameOrUnversioned(String saved, String installed) {
        return saved.equals(installed) || UNVERSIONED.equals(saved) || UNVERSIONED.equals(installed);
    }

    private static int compare(int[] a, int[] b) {
        for (int k = 0; k < 3; k++) {
            if (a[k] != b[k]) {
                return Integer.compare(a[k], b[k]);
            }
        }
        return 0;
    }

    private static int[] parse(String version) {
        String core = version.split("[-+]", 2)[0];
        String[] parts = core.split("\\.");
        int[] out = new int[3];
        try {
            for (int k = 0; k < Math.min(3, parts.length); k++) {
                out[k] = Integer.parseInt(parts[k]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }
}
