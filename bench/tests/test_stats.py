import unittest

from hrbench.stats import med, pct


class MedianTest(unittest.TestCase):
    def test_empty_is_none(self):
        self.assertIsNone(med([]))

    def test_one_value(self):
        self.assertEqual(med([0.25]), 0.25)

    def test_odd_count_is_the_middle_value_whatever_the_order(self):
        self.assertEqual(med([3.0, 1.0, 2.0]), 2.0)

    def test_even_count_is_the_mean_of_the_two_middle_values(self):
        self.assertEqual(med([4.0, 1.0, 3.0, 2.0]), 2.5)


class PercentileTest(unittest.TestCase):
    def test_empty_is_none(self):
        self.assertIsNone(pct([], 0.9))

    def test_one_value_is_every_percentile(self):
        for q in (0.0, 0.5, 0.9, 1.0):
            self.assertEqual(pct([0.75], q), 0.75)

    def test_ends_are_min_and_max(self):
        values = [5.0, 1.0, 3.0]
        self.assertEqual(pct(values, 0.0), 1.0)
        self.assertEqual(pct(values, 1.0), 5.0)

    def test_p90_interpolates_between_ranks(self):
        # ten values 1..10: rank (10 - 1) * 0.9 = 8.1, between 9 and 10
        self.assertAlmostEqual(pct(list(range(10, 0, -1)), 0.9), 9.1)

    def test_p90_of_two_values(self):
        self.assertAlmostEqual(pct([1.0, 2.0], 0.9), 1.9)

    def test_p50_of_an_even_count_is_the_median(self):
        values = [4.0, 1.0, 3.0, 2.0]
        self.assertEqual(pct(values, 0.5), med(values))

    def test_does_not_reorder_the_callers_list(self):
        values = [3.0, 1.0, 2.0]
        pct(values, 0.9)
        self.assertEqual(values, [3.0, 1.0, 2.0])


if __name__ == "__main__":
    unittest.main()
