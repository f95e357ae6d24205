package org.sbi4j.nn;

/**
 * The density-direction passes that the autoregressive and coupling transforms share: an
 * {@link ElementwiseBijection} applied to chosen columns of each row, with that row's parameters taken from a
 * conditioner's output ({@code P} per column, in column order), and its backward pass.
 */
final class ElementwisePass {

    private final ElementwiseBijection element;
    private final int[] columns;
    private final int per;

    /**
     * @param element the bijection
     * @param columns the columns it transforms, in the order of their parameters
     */
    ElementwisePass(ElementwiseBijection element, int[] columns) {
        this.element = element;
        this.columns = columns.clone();
        this.per = element.parameterCount();
    }

    /** Parameters per row: P times the number of columns. */
    int parameterWidth() {
        return columns.length * per;
    }

    /** Grows the bijection's cache to {@code n} rows. */
    void ensureRows(int n) {
        element.ensureSlots(n * columns.length);
    }

    /**
     * Writes the transformed columns of {@code out} and ADDS each row's log-determinant to {@code logDet}.
     *
     * @param params conditioner output, {@code n × parameterWidth()}
     * @param in inputs
     * @param out outputs (other columns untouched)
     * @param n active rows
     * @param logDet per row
     */
    void forward(Mat params, Mat in, Mat out, int n, double[] logDet) {
        Buffer pb = params.buffer();
        Buffer ib = in.buffer();
        Buffer ob = out.buffer();
        int count = columns.length;
        for (int r = 0; r < n; r++) {
            int pi = params.index(r, 0);
            double ld = 0;
            for (int t = 0; t < count; t++) {
                int d = columns[t];
                ob.set(out.index(r, d), element.forward(pb, pi + t * per, ib.get(in.index(r, d)), r * count + t));
                ld += element.logDet();
            }
            logDet[r] += ld;
        }
    }

    /**
     * Backward pass of the last {@link #forward} on the same arguments: writes dL/d(params) and the direct
     * dL/d(in) of the transformed columns.
     *
     * @param params conditioner output of the forward pass
     * @param in inputs of the forward pass
     * @param gradOut dL/d(out)
     * @param gradLogDet dL/d(logDet) per row
     * @param gradParams where dL/d(params) is written
     * @param gradIn where dL/d(in) of the transformed columns is written (other columns untouched)
     * @param n active rows
     */
    void backward(Mat params, Mat in, Mat gradOut, double[] gradLogDet, Mat gradParams, Mat gradIn, int n) {
        Buffer pb = params.buffer();
        Buffer ib = in.buffer();
        Buffer gob = gradOut.buffer();
        Buffer gpb = gradParams.buffer();
        Buffer gib = gradIn.buffer();
        int count = columns.length;
        for (int r = 0; r < n; r++) {
            int pi = params.index(r, 0);
            int gpi = gradParams.index(r, 0);
            for (int t = 0; t < count; t++) {
                int d = columns[t];
                double gx = element.backward(pb, pi + t * per, ib.get(in.index(r, d)), gob.get(gradOut.index(r, d)),
                        gradLogDet[r], gpb, gpi + t * per, r * count + t);
                gib.set(gradIn.index(r, d), gx);
            }
        }
    }
}
