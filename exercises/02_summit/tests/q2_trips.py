from otter.test_files import test_case

OK_FORMAT = False

name = "q2_trips"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_counts_are_whole_numbers(env):
    from coursekit.checks import expect_number
    expect_number(env, 'trips_2022', low=0, high=50, integer=True, hint='count the rows of the filtered timeline, e.g. with len(...)')
    expect_number(env, 'trips_2023', low=0, high=50, integer=True, hint='count the rows of the filtered timeline, e.g. with len(...)')

