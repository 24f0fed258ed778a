from otter.test_files import test_case

OK_FORMAT = False

name = "q2_change"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_change_is_a_number(env):
    from coursekit.checks import expect_number
    expect_number(env, 'change_2021_2023', low=-100, high=100, hint='a percentage change lies between -100 and 100 here; did you multiply by 100?')

