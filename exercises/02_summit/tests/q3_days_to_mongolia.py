from otter.test_files import test_case

OK_FORMAT = False

name = "q3_days_to_mongolia"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q3_days_is_a_count(env):
    from coursekit.checks import expect_number
    expect_number(env, 'days_to_mongolia', low=1, high=3650, integer=True, hint="subtract the warrant's date from the visit's date and take .days")

