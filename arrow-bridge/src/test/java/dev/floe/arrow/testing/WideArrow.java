package dev.floe.arrow.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListViewVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Arrow batches built the way another Arrow producer would, with every type Floe reads as a wider
 * one (API.md "Types"), and the Java values Floe must return for them. Expected values are written
 * from the Arrow spec's meaning of each layout, not from Floe's output.
 */
public final class WideArrow {
    private WideArrow() {
    }

    public static final String LONG_TEXT = "a string longer than twelve bytes, so not inline";

    /** Column name to the three expected values (rows 0, 1, 2; row 1 is null everywhere). */
    public static Map<String, List<Object>> expected() {
        Map<String, List<Object>> e = new LinkedHashMap<>();
        e.put("large_utf8", Arrays.asList("héllo", null, ""));
        e.put("utf8_view", Arrays.asList("short", null, LONG_TEXT));
        e.put("large_binary", Arrays.asList(new byte[] {1, 2, 3}, null, new byte[0]));
        e.put("binary_view", Arrays.asList(LONG_TEXT.getBytes(StandardCharsets.UTF_8), null, new byte[] {9}));
        e.put("fixed_binary", Arrays.asList(new byte[] {1, 2}, null, new byte[] {3, 4}));
        e.put("date64", Arrays.asList(LocalDate.of(1998, 9, 2), null, LocalDate.of(1969, 12, 31)));
        e.put("decimal256", Arrays.asList(new BigDecimal("123456789012345678.90"), null, new BigDecimal("-0.01")));
        e.put("interval_ym", Arrays.asList(Period.of(0, 14, 0), null, Period.of(0, -1, 0)));
        e.put("interval_dt", Arrays.asList(Period.of(0, 0, 3), null, Period.of(0, 0, -2)));
        e.put("large_list", Arrays.asList(List.of(1L, 2L), null, Arrays.asList(3L, null)));
        e.put("fixed_list", Arrays.asList(List.of(1, 2), null, List.of(3, 4)));
        e.put("list_view", Arrays.asList(List.of(5L, 6L), null, List.of(7L)));
        e.put("large_list_of_large_utf8", Arrays.asList(List.of("x", LONG_TEXT), null, List.of()));
        Map<String, Object> s0 = new LinkedHashMap<>();
        s0.put("s", "a");
        s0.put("d", LocalDate.of(2000, 1, 1));
        Map<String, Object> s2 = new LinkedHashMap<>();
        s2.put("s", null);
        s2.put("d", null);
        e.put("struct_of_wide", Arrays.asList(s0, null, s2));
        return e;
    }

    /** A three-row root of every widened type (columns as in {@link #expected()}), allocated in {@code a}. */
    public static VectorSchemaRoot root(BufferAllocator a) {
        List<FieldVector> vs = new ArrayList<>();
        try {
            LargeVarCharVector lstr = new LargeVarCharVector("large_utf8", a);
            vs.add(lstr);
            lstr.setSafe(0, utf8("héllo"));
            lstr.setNull(1);
            lstr.setSafe(2, new byte[0]);

            ViewVarCharVector vstr = new ViewVarCharVector("utf8_view", a);
            vs.add(vstr);
            vstr.setSafe(0, utf8("short"));
            vstr.setNull(1);
            vstr.setSafe(2, utf8(LONG_TEXT));

            LargeVarBinaryVector lbin = new LargeVarBinaryVector("large_binary", a);
            vs.add(lbin);
            lbin.setSafe(0, new byte[] {1, 2, 3});
            lbin.setNull(1);
            lbin.setSafe(2, new byte[0]);

            ViewVarBinaryVector vbin = new ViewVarBinaryVector("binary_view", a);
            vs.add(vbin);
            vbin.setSafe(0, utf8(LONG_TEXT));
            vbin.setNull(1);
            vbin.setSafe(2, new byte[] {9});

            FixedSizeBinaryVector fbin = new FixedSizeBinaryVector("fixed_binary", a, 2);
            vs.add(fbin);
            fbin.setSafe(0, new byte[] {1, 2});
            fbin.setNull(1);
            fbin.setSafe(2, new byte[] {3, 4});

            DateMilliVector d64 = new DateMilliVector("date64", a);
            vs.add(d64);
            d64.setSafe(0, LocalDate.of(1998, 9, 2).toEpochDay() * 86_400_000L);
            d64.setNull(1);
            d64.setSafe(2, -86_400_000L);

            Decimal256Vector dec = new Decimal256Vector("decimal256", a, 20, 2);
            vs.add(dec);
            dec.setSafe(0, new BigDecimal("123456789012345678.90"));
            dec.setNull(1);
            dec.setSafe(2, new BigDecimal("-0.01"));

            IntervalYearVector iym = new IntervalYearVector("interval_ym", a);
            vs.add(iym);
            iym.setSafe(0, 14);
            iym.setNull(1);
            iym.setSafe(2, -1);

            IntervalDayVector idt = new IntervalDayVector("interval_dt", a);
            vs.add(idt);
            idt.setSafe(0, 3, 0);
            idt.setNull(1);
            idt.setSafe(2, -2, 0);

            LargeListVector llist = LargeListVector.empty("large_list", a);
            vs.add(llist);
            llist.addOrGetVector(FieldType.nullable(new ArrowType.Int(64, true)));
            BigIntVector llChild = (BigIntVector) llist.getDataVector();
            llist.startNewValue(0);
            llChild.setSafe(0, 1);
            llChild.setSafe(1, 2);
            llist.endValue(0, 2);
            llist.setNull(1);
            llist.startNewValue(2);
            llChild.setSafe(2, 3);
            llChild.setNull(3);
            llist.endValue(2, 2);
            llChild.setValueCount(4);

            FixedSizeListVector flist = FixedSizeListVector.empty("fixed_list", 2, a);
            vs.add(flist);
            flist.addOrGetVector(FieldType.nullable(new ArrowType.Int(32, true)));
            IntVector flChild = (IntVector) flist.getDataVector();
            flist.setNotNull(0);
            flChild.setSafe(0, 1);
            flChild.setSafe(1, 2);
            flist.setNull(1);
            flChild.setNull(2);
            flChild.setNull(3);
            flist.setNotNull(2);
            flChild.setSafe(4, 3);
            flChild.setSafe(5, 4);
            flChild.setValueCount(6);

            // child [7, 99, 5, 6]: row 0 views [5, 6] at offset 2, row 2 views [7] at 0 (out of order)
            ListViewVector lview = ListViewVector.empty("list_view", a);
            vs.add(lview);
            lview.addOrGetVector(FieldType.nullable(new ArrowType.Int(64, true)));
            lview.allocateNew();
            BigIntVector lvChild = (BigIntVector) lview.getDataVector();
            lvChild.setSafe(0, 7);
            lvChild.setSafe(1, 99);
            lvChild.setSafe(2, 5);
            lvChild.setSafe(3, 6);
            lvChild.setValueCount(4);
            lview.setValidity(0, 1);
            lview.setOffset(0, 2);
            lview.setSize(0, 2);
            lview.setNull(1);
            lview.setValidity(2, 1);
            lview.setOffset(2, 0);
            lview.setSize(2, 1);

            LargeListVector lls = LargeListVector.empty("large_list_of_large_utf8", a);
            vs.add(lls);
            lls.addOrGetVector(FieldType.nullable(ArrowType.LargeUtf8.INSTANCE));
            LargeVarCharVector llsChild = (LargeVarCharVector) lls.getDataVector();
            lls.startNewValue(0);
            llsChild.setSafe(0, utf8("x"));
            llsChild.setSafe(1, utf8(LONG_TEXT));
            lls.endValue(0, 2);
            lls.setNull(1);
            lls.startNewValue(2);
            lls.endValue(2, 0);
            llsChild.setValueCount(2);

            StructVector st = StructVector.empty("struct_of_wide", a);
            vs.add(st);
            LargeVarCharVector ss = st.addOrGet("s", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE),
                    LargeVarCharVector.class);
            DateMilliVector sd = st.addOrGet("d", FieldType.nullable(new ArrowType.Date(
                    org.apache.arrow.vector.types.DateUnit.MILLISECOND)), DateMilliVector.class);
            st.setIndexDefined(0);
            ss.setSafe(0, utf8("a"));
            sd.setSafe(0, LocalDate.of(2000, 1, 1).toEpochDay() * 86_400_000L);
            st.setNull(1);
            ss.setNull(1);
            sd.setNull(1);
            st.setIndexDefined(2);
            ss.setNull(2);
            sd.setNull(2);
            ss.setValueCount(3);
            sd.setValueCount(3);

            for (FieldVector v : vs) {
                v.setValueCount(3);
            }
            return new VectorSchemaRoot(vs);
        } catch (RuntimeException e) {
            vs.forEach(FieldVector::close);
            throw e;
        }
    }

    /** Expected values of the dictionary stream's column {@code color}, over its two batches. */
    public static final List<String> DICTIONARY_VALUES = Arrays.asList("red", "blue", null, "red", "green");

    /**
     * An Arrow IPC stream (two batches) with a dictionary-encoded string column {@code color} and a
     * plain int64 column {@code n} (1..5), as pyarrow or another engine would send it.
     */
    public static byte[] dictionaryStream(BufferAllocator a) {
        DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(32, true));
        try (VarCharVector dictValues = new VarCharVector("color-dict", a)) {
            dictValues.setSafe(0, utf8("red"));
            dictValues.setSafe(1, utf8("blue"));
            dictValues.setSafe(2, utf8("green"));
            dictValues.setValueCount(3);
            Dictionary dictionary = new Dictionary(dictValues, encoding);
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(dictionary);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<List<String>> batches = List.of(Arrays.asList("red", "blue", null), List.of("red", "green"));
            long n = 1;
            VectorSchemaRoot root = null;
            ArrowStreamWriter writer = null;
            try {
                for (List<String> colors : batches) {
                    try (VarCharVector plain = new VarCharVector("color", a)) {
                        for (int i = 0; i < colors.size(); i++) {
                            if (colors.get(i) == null) {
                                plain.setNull(i);
                            } else {
                                plain.setSafe(i, utf8(colors.get(i)));
                            }
                        }
                        plain.setValueCount(colors.size());
                        FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, dictionary);
                        BigIntVector ns = new BigIntVector("n", a);
                        for (int i = 0; i < colors.size(); i++) {
                            ns.setSafe(i, n++);
                        }
                        ns.setValueCount(colors.size());
                        if (root == null) {
                            root = new VectorSchemaRoot(List.of(encoded, ns));
                            writer = new ArrowStreamWriter(root, provider, out);
                            writer.start();
                        } else {
                            encoded.makeTransferPair(root.getVector(0)).transfer();
                            ns.makeTransferPair(root.getVector(1)).transfer();
                            encoded.close();
                            ns.close();
                        }
                        root.setRowCount(colors.size());
                        writer.writeBatch();
                    }
                }
                writer.end();
            } finally {
                if (writer != null) {
                    writer.close();
                }
                if (root != null) {
                    root.close();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
