from otter.test_files import test_case

OK_FORMAT = False

name = "q4_first_buyer"
points = 1

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q4_is_an_option(env):
    from coursekit.checks import expect_choice
    expect_choice(env, 'answer_q4', ['a', 'b', 'c', 'd'])

