package org.sbi4j.nn.ode;

/** Stage derivatives and scratch states of one solver, reallocated only when the state length changes. */
final class StageWorkspace {

    double[][] k;
    double[] tmp;
    double[] next;
    double[] cur;
    private final int stages;
    private int length = -1;

    StageWorkspace(int stages) {
        this.stages = stages;
    }

    void ensure(int n) {
        if (n == length) {
            return;
        }
        length = n;
        k = new double[stages][n];
        tmp = new double[n];
        next = new double[n];
        cur = new double[n];
    }
}
