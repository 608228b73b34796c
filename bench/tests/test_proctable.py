import unittest

from hrbench.common import ms
from hrbench.proctable import subtree, threads_delta, ticks_delta


def proc(ppid, start=1):
    return {"state": "S", "ppid": ppid, "cpu": 0, "ccpu": 0, "start": start}


class SubtreeTest(unittest.TestCase):
    def test_root_and_all_descendants_only(self):
        table = {1: proc(0), 10: proc(1), 11: proc(10), 12: proc(11), 20: proc(1), 30: proc(99)}
        self.assertEqual(subtree(10, table), {10, 11, 12})

    def test_a_root_not_in_the_table_has_no_tree(self):
        self.assertEqual(subtree(5, {1: proc(0)}), set())


class CpuDeltaTest(unittest.TestCase):
    def test_ticks_of_the_same_process_are_subtracted_a_new_one_counts_whole(self):
        before = {10: (100, 50), 11: (200, 7)}
        after = {10: (100, 55), 11: (300, 4), 12: (400, 3)}  # 11 is a new process with a reused pid
        self.assertEqual(ticks_delta(before, after), 5 + 4 + 3)

    def test_threads_delta_sums_nanoseconds_and_counts_ended_threads(self):
        before = {(10, 100): {10: 1000, 11: 500}, (20, 200): {20: 70}}
        after = {(10, 100): {10: 1600, 12: 40}}
        ns, gone = threads_delta(before, after)
        self.assertEqual(ns, 600 + 40)
        self.assertEqual(gone, 2)  # thread 11, and process 20's one thread


class MsTest(unittest.TestCase):
    def test_formats(self):
        self.assertEqual(ms(None), "—")
        self.assertEqual(ms(0.25), "250 ms")
        self.assertEqual(ms(9.9994), "9999 ms")
        self.assertEqual(ms(12.34), "12.3 s")
        self.assertEqual(ms(-0.05), "-50 ms")


if __name__ == "__main__":
    unittest.main()
