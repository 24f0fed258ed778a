from otter.test_files import test_case

OK_FORMAT = False

name = "q2_balance"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_balance_is_a_number(env):
    from coursekit.checks import expect_number
    expect_number(env, 'balance_2023', low=-5000, high=5000, hint='both values are in US$ million, so the balance is too')

