"The learning-rate finder: bad input raises clear errors, and `lr_find` leaves the model exactly as it was."
import math, warnings
import numpy as np, pytest
from ktrain_lit.learner import get_learner
from ktrain_lit.models import transformer
from ktrain_lit.lr_finder import LRFinder, lr_find_plan, lr_suggestions, model_state

TEXTS = ['a good film', 'a bad film', 'wonderful acting', 'dull and long', 'I loved it', 'I hated it', 'great fun', 'awful'] * 4
LABELS = [1, 0] * 16

@pytest.fixture
def learner(tiny):
    return get_learner(transformer('bert', tiny, maxlen=16, seed=0), (TEXTS, LABELS), batch_size=8, seed=0)

def test_bad_arguments(learner, tiny):
    with pytest.raises(ValueError, match='`start_lr` must be a positive number'): learner.lr_find(start_lr=0)
    with pytest.raises(ValueError, match='`start_lr` must be a positive number'): learner.lr_find(start_lr=-1e-5)
    with pytest.raises(ValueError, match='`lr_mult` must be a number greater than 1'): learner.lr_find(lr_mult=1)
    with pytest.raises(ValueError, match='`lr_mult` must be a number greater than 1'): learner.lr_find(lr_mult=0.9)
    with pytest.raises(ValueError, match='`stop_factor` must be a number greater than 1'): learner.lr_find(stop_factor=1)
    with pytest.raises(ValueError, match='`max_epochs` must be a positive integer'): learner.lr_find(max_epochs=0)
    with pytest.raises(ValueError, match='has no training data'):
        get_learner(transformer('bert', tiny, maxlen=16, class_names=['a', 'b'])).lr_find()

def test_read_before_find(learner):
    with pytest.raises(ValueError, match=r'run `learner.lr_find\(\)` first'): learner.lr_plot()
    with pytest.raises(ValueError, match=r'run `learner.lr_find\(\)` first'): learner.lr_estimate()

def test_restores_weights_and_optimizer(learner):
    learner.fit_onecycle(1e-3, 1, verbose=0)   # a trained optimizer: moments and step count to keep
    before = model_state(learner.model)
    learner.lr_find(max_epochs=3, verbose=0)
    assert len(learner.lr_finder) > 1
    for v, val in before: np.testing.assert_array_equal(v.numpy(), val, err_msg=v.path)
    assert learner.lr_estimate() is not None

def test_restore_weights_only(learner):
    weights, opt = learner.model.get_weights(), learner.model.optimizer
    lr, steps = float(opt.learning_rate.numpy()), int(opt.iterations.numpy())
    learner.lr_find(max_epochs=2, restore_weights_only=True, verbose=0)
    for a, b in zip(weights, learner.model.get_weights()): np.testing.assert_array_equal(a, b)
    assert float(opt.learning_rate.numpy()) == lr and int(opt.iterations.numpy()) == steps + len(learner.lr_finder)

def test_schedule(learner):
    learner.lr_find(start_lr=1e-6, max_epochs=5, stop_factor=1e6, verbose=0)
    f = learner.lr_finder
    assert len(f) == 20 and f.stop_reason == '20 batches done'
    np.testing.assert_allclose(np.array(f.lrs[1:]) / f.lrs[:-1], (10 / 1e-6) ** (1 / 20))
    fig = learner.lr_plot(n_skip_beginning=2, n_skip_end=2, suggest=True, return_fig=True)
    assert fig.axes[0].get_xscale() == 'log'
    with pytest.raises(ValueError, match='leave fewer than 2'): learner.lr_plot(n_skip_beginning=15, n_skip_end=5)

def test_small_data_rule():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        assert lr_find_plan(1e-7, 1.01, None, 10)[1] == 50
    assert 'max_epochs is being set to 5' in str(w[0].message)
    assert lr_find_plan(1e-7, 1.01, None, 200)[:2] == (1.01, math.floor(math.log(1e8) / math.log(1.01)) + 1)

def test_stops():
    f = LRFinder(1e-3, 2.)
    for loss in [1.0, 0.5, 0.4, 9.0, 9.0]:
        if f.record(loss): break
    assert f.stop_reason == 'the loss diverged (2.79 > 4 x 0.629) at lr 8.00e-03' and len(f) == 4   # recorded, then stopped
    f = LRFinder(1e-3, 2.)
    assert f.record(float('inf')).startswith('the loss became inf') and len(f) == 0

def test_suggestions_on_a_known_curve():
    lrs = 1e-7 * 1.02 ** np.arange(700)
    x = np.log10(lrs)
    losses = 1 - 0.5 / (1 + np.exp(-4 * (x + 4))) + 0.05 * np.exp(3 * (x + 2))
    s = lr_suggestions(lrs, losses)
    assert 10**-4.3 < s.steep < 10**-3.7, s
    assert 1e-5 < s.valley < 1e-3 and 1e-5 < s.minimum < 1e-3, s
    assert lr_suggestions([], []) == (None, None, None)
