from otter.test_files import test_case

OK_FORMAT = False

name = "q3_two_counts"
points = 1

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q3_is_an_option(env):
    from coursekit.checks import expect_choice
    expect_choice(env, 'answer_q3', ['a', 'b', 'c', 'd'])

